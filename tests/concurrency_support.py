"""Simultaneous requests in tests: the same service call from many threads, released together."""
import threading
from collections.abc import Callable, Sequence

from briefings.extensions import db


def at_once(app, work: Callable, arguments: Sequence) -> tuple[list, list[str]]:
    """Call ``work(argument)`` for every argument, each in its own thread and app context.

    The threads wait for one another and start together. Returns what the calls returned
    and the errors they raised (as ``repr``), both in the order the calls ended. The
    caller's session is rolled back after, so it reads what the threads committed.
    """
    start = threading.Barrier(len(arguments))
    results, errors = [], []

    def worker(argument):
        with app.app_context():
            start.wait()
            try:
                results.append(work(argument))
            except Exception as error:  # noqa: BLE001 - any error fails the caller's test
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.rollback()  # end the caller's read snapshot, taken before the threads wrote
    return results, errors
