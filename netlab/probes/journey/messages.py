"""Every string of the journey probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: particles stick to their word ("DNS가", "60초"); after a placeholder whose last
sound is unknown (a name, an address) only particles that do not depend on it follow (에, 에서,
의, 도, 까지, 부터), or the sentence is built so that none is needed.  Protocol names, flags,
header names and file paths stay as they are.
"""

from netlab.i18n import catalogue_file

M = catalogue_file("journey", __name__)
