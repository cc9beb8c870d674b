"""Plain-language rules (``plain/...``), in English and Welsh.

Sources: GOV.UK style guide (Open Government Licence v3.0), NHS digital service manual
content guide, Cymraeg Clir principles, BydTermCymru. Each module names its own.
"""
