"""GUI Factory: procedural UI layouts -> renderers -> annotated WebDataset/Parquet shards -> trainer."""

__version__ = "0.2.0"
