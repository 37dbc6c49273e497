"""Every hand-set number that steers answering, in one place. The rest is fitted from labelled
questions by `explainer calibrate` and ships in decision_model.json.
"""

# Finding candidates
# Units taken from each ranking (dense similarity, BM25) for the decision to weigh.
CANDIDATES = 12
# Alias matching forgives a misspelt word of at least this many letters, this close.
MIN_FUZZY_LENGTH = 6
FUZZY_CUTOFF = 0.85
# A question that names one defined term and at most this many other words, and asks what it
# is, is a glossary look-up ("what does ERO stand for").
TERM_LOOKUP_OTHER_WORDS = 1

# Fitting (explainer calibrate)
# The false-refusal rate the operating point allows on the fitted questions.
FALSE_REFUSAL_TARGET = 0.03
# A further excerpt is shown when, among fitted questions, at least this share of the further
# excerpts shown at its probability or above are labelled answers.
KEEP_PRECISION = 0.3
# A held-out question within this cosine of an ask, a not-covered question or a fitted question
# is left out of the holdout's figures (leaks.py); a fitted question is seen without the asks
# and not-covered questions this close to it, so it is fitted as the holdouts are measured.
LEAK_COSINE = 0.85
# scikit-learn's C: the inverse strength of the L2 penalty of both regressions.
REGULARIZATION = 1.0

# Shaping excerpts
MAX_EXCERPTS = 3
MAX_SENTENCES = 3
# An excerpt shorter than this many words grows by a neighbouring sentence: a sentence that
# only announces a topic ("critics have voiced concerns") says nothing on its own.
MIN_EXCERPT_WORDS = 25
# Choosing an article's best sentence, one that names the asked-about term counts this much
# more (cosine similarity).
NAMED_SENTENCE_BONUS = 0.05
