"""Writes of the idea board, by subject: every business rule lives here. Each
service checks the rules again (a forged POST gets the same answer as the
form) and raises IdeaError (base) with a message for the person when it
refuses. Callers import the subject module (lifecycle, supports,
moderation)."""
