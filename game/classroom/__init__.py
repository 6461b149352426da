"""Classroom tools on top of the rules: facilitator settings (and, beside them, hotseat play)."""
