"""The game in a terminal: plain print and input, for machines without a display and for scripts.

`app` runs the loop, `commands` reads what the player types, `view` renders the situation.
"""
