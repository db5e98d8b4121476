"""kbnorm: a multilingual knowledge-base normalizer for scraped allied-health career pages."""

__version__ = "0.1.0"
