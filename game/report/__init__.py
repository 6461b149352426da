"""Reports for teachers: the after-action report of one save, and a class's saves compared.

    from game.report import write_game_report, write_class_report
"""

from game.report.class_report import write_class_report
from game.report.game_report import write_game_report

__all__ = ["write_class_report", "write_game_report"]
