"""Review across tables: this year's goal tables against last year's (``xlperf compare``).

``pairing`` matches departments, projects and indicators of two years;
``loosening`` reads whether a matched target became easier; ``rules`` is the
Y family of the rule catalogue (each rule with its message, basis and
examples); ``wording`` shows their numbers and places, ``engine`` runs them, ``run`` reads
files and folders and ``report`` prints what they found.
"""
