"""Progress bars: drawn only for work that lasts more than a second, never when switched off."""

import io
import time

from analysis import _progress


def test_a_bar_appears_once_the_work_has_lasted_a_second(monkeypatch):
    monkeypatch.delenv(_progress.ENV, raising=False)
    out = io.StringIO()
    bar = _progress.bar(total=3, desc="work", file=out)
    bar.update()
    assert out.getvalue() == ""  # quick so far: nothing drawn
    time.sleep(_progress.DELAY + 0.1)
    bar.update()
    bar.close()
    assert "work" in out.getvalue() and "2/3" in out.getvalue()


def test_the_environment_switch_turns_every_bar_off(monkeypatch):
    monkeypatch.setenv(_progress.ENV, "0")
    out = io.StringIO()
    bar = _progress.bar(total=2, file=out, delay=0)
    bar.update(2)
    bar.close()
    assert out.getvalue() == ""


def test_no_bar_is_made_when_none_is_asked_for(monkeypatch):
    from analysis import _parallel

    def refuse(*args, **kwargs):
        raise AssertionError("a bar was made")

    monkeypatch.setattr(_parallel, "progress_bar", refuse)
    batches = iter([(["a", "b"],), (["c"],)])
    assert list(_parallel.map_batches(len, batches, n_jobs=1, progress=False)) == [2, 1]
