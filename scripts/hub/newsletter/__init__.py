"""The newsletter: the subscribe form's settings, the e-mail issue export and the subscriber export.

Nothing here stores subscribers: the mailing service the organisation already uses does.
"""
