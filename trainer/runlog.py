"""Training logs: a rich progress bar, a CSV of metrics (for `dvc plots`) and TensorBoard event files.

Only rank 0 logs. On resume the CSV is cut back to the checkpoint's step and TensorBoard purges later
events, so a killed-and-resumed run shows one clean curve.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


class RunLog:
    def __init__(self, out: Path, columns: list[str], total: int, start: int, enabled: bool = True,
                 description: str = "training"):
        self.enabled, self.columns = enabled, ["step", *columns]
        self.csv_path = Path(out) / "metrics.csv"
        if not enabled:
            return
        from torch.utils.tensorboard import SummaryWriter

        self._truncate(start)
        new = not self.csv_path.exists()
        self._file = self.csv_path.open("a", newline="", encoding="utf-8")
        self._csv = csv.DictWriter(self._file, fieldnames=self.columns, extrasaction="ignore")
        if new:
            self._csv.writeheader()
        self.tb = SummaryWriter(str(Path(out) / "tb"), purge_step=start if start else None)
        self.progress = Progress(TextColumn(f"[bold]{description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[info]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                 TimeRemainingColumn())
        self.task = self.progress.add_task(description, total=total, completed=start, info="")
        self.progress.start()

    def _truncate(self, step: int) -> None:
        """Keep the header and rows with step <= `step` (the rows a resumed run would otherwise repeat)."""
        if not self.csv_path.exists():
            return
        with self.csv_path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        with self.csv_path.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=self.columns, extrasaction="ignore")
            w.writeheader()
            w.writerows(r for r in rows if int(r["step"]) <= step)

    def step(self, step: int, metrics: dict[str, float], write: bool) -> None:
        """Advance the bar to `step`; when `write`, append the metrics to the CSV and TensorBoard."""
        if not self.enabled:
            return
        info = "  ".join(f"{k} {v:.4g}" for k, v in metrics.items() if k in ("loss", "lr", "img_s"))
        self.progress.update(self.task, completed=step, info=info)
        if write:
            self._csv.writerow({"step": step, **{k: (f"{v:.6g}" if isinstance(v, float) and math.isfinite(v) else v)
                                                 for k, v in metrics.items()}})
            self._file.flush()
            for k, v in metrics.items():
                self.tb.add_scalar(f"train/{k}", v, step)

    def image(self, tag: str, chw, step: int) -> None:
        if self.enabled:
            self.tb.add_image(tag, chw, step)

    def close(self) -> None:
        if self.enabled:
            self.progress.stop()
            self._file.close()
            self.tb.close()
