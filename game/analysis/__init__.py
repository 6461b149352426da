"""Analyses of finished or running games: how good a deal was, against what was possible."""
