"""One module per command-line action; each is imported only when its command runs."""
