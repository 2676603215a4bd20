"""framelens: measure how news outlets frame the same events.

Data flows one way: files -> :class:`~framelens.corpus.Corpus` -> per-document rows ->
tables -> charts and report.
"""

from framelens.corpus import Corpus, Document, corpus_subset

__version__ = "0.1.0"

__all__ = ["Corpus", "Document", "__version__", "corpus_subset"]
