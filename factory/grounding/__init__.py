"""Grounding data for vision-language models: referring expressions ("Click the 'Save' button in the 'Billing'
dialog") for the elements of each screen, with the target's box and click point.

scene (one sample's document read as a tree: nouns, names, label association, containers) -> refs (what
identifies each target, made unambiguous by container, then ordinal or grid position, then screen region,
or left out) -> phrases (a Ref in words, per language, template chosen from the sample's seed) -> export
(grounding.jsonl, conversations.jsonl with the coordinate conventions of coords, grounding_stats.json).
"""
