"""Naming choices: which of the competing names each outlet uses for the same actors.

* Concept sets (``data/concepts.yaml``): ``PROTESTERS`` -> protesters / rioters /
  extremists ...; :func:`naming_table` gives each variant's share per outlet with
  article-resampled bootstrap intervals.
* Actor labels: :func:`actor_labels` discovers the premodifiers and appositives attached to
  registered actors ("Europe's last dictator Alexander Lukashenko").
"""

from framelens.naming.concepts import (
    NAMING_MATCH_SCHEMA,
    NAMING_SCHEMA,
    Concept,
    ConceptFileError,
    ConceptSet,
    concept_frame,
    load_concepts,
    naming_matches,
    naming_table,
    parse_concepts,
)
from framelens.naming.labels import (
    ACTOR_LABEL_MATCH_SCHEMA,
    ACTOR_LABEL_SCHEMA,
    ActorNames,
    actor_label_matches,
    actor_labels,
    resolve_actors,
)

__all__ = [
    "ACTOR_LABEL_MATCH_SCHEMA",
    "ACTOR_LABEL_SCHEMA",
    "NAMING_MATCH_SCHEMA",
    "NAMING_SCHEMA",
    "ActorNames",
    "Concept",
    "ConceptFileError",
    "ConceptSet",
    "actor_label_matches",
    "actor_labels",
    "concept_frame",
    "load_concepts",
    "naming_matches",
    "naming_table",
    "parse_concepts",
    "resolve_actors",
]
