"""The lean trainer: MAE pretraining and UI-element detection straight from the factory's WebDataset shards.

Read top to bottom like the MAE reference code: `pretrain.py` / `finetune.py` set up a run (`main`),
`engine.py` runs the steps, `mae.py` and `detector.py` hold the models; `data.py` streams the shards
(`tars.py` reads them, `records.py` checks each sample's JSON, `faults.py` skips and counts the bad).
Nothing here is imported by `factory --help`: the CLI imports these modules inside its commands.
"""
