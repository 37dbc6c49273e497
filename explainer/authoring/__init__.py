"""Tools for people who write knowledge: check, add, new-term, vet. Not needed to answer."""
