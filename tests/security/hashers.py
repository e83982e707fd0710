"""A password hasher for tests that counts how often it hashed, to show that
two answers did the same work (never timings)."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingMD5PasswordHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    calls: list[str] = []  # shared on purpose, cleared by the test

    def encode(self, password, salt):
        type(self).calls.append("encode")
        return super().encode(password, salt)
