"""The core every other package builds on, depending on nothing of ours outside it: the layout tree (layout),
styles and sampled factors (styles, content, seeding), the class taxonomy, the sample schema and a dataset
directory's on-disk model (schema, dataset), a renderer's output (rendered), the registry, errors, input
guards, atomic files and box drawing. Renderers, annotators, the pipeline, the dataset tools and the trainer
import it; it imports none of them (tests/test_import_graph.py).
"""
