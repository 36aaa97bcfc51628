"""xlperf: prepare, check and publish project budget performance goal tables."""

__version__ = "0.1.0"
