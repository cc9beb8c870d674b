"""Welsh as an equal language: checks that compare a page with its other-language version.

Source: the Welsh Language Standards (No. 1) Regulations 2015 (service delivery standards
for websites: every page in Welsh, working fully, and Welsh not treated less favourably
than English), and WCAG 2.2 success criteria 3.1.1 and 3.1.2 (language of page and parts).
"""

from localoffer.translation import ensure_messages

ensure_messages()
