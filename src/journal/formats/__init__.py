"""Serializers: each export format written by one module that escapes every value for it.

A value from front matter is text a pull request controls; these modules make sure it can only
ever be that value in the file (never a second record, a forged entry or a TeX command).
"""
