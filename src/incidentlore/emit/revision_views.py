"""Views over the `revisions` table: when the organisation learned what it knows.

Both measure from commit times (authored_at), the only record of when a file said
something. An incident committed already resolved and reviewed has a latency of 0.
"""

from __future__ import annotations

# Resolved -> post-mortem reviewed. `recorded_resolved_at` is the first commit that
# set times.resolved; `reviewed_at` the first that set the review state to reviewed
# or published. `since_resolution` measures from the incident's own resolved time.
LEARNING_LATENCY = """
CREATE VIEW learning_latency AS
WITH recorded AS (
    SELECT incident_id, min(authored_at) AS at FROM revisions
    WHERE field = 'times.resolved' AND new IS NOT NULL GROUP BY incident_id
), reviewed AS (
    SELECT incident_id, min(authored_at) AS at FROM revisions
    WHERE field = 'postmortem.review.state' AND new IN ('reviewed', 'published')
    GROUP BY incident_id
)
SELECT i.id AS incident_id, i.severity, i.resolved_at,
       recorded.at AS recorded_resolved_at, reviewed.at AS reviewed_at,
       reviewed.at - recorded.at AS learning_latency,
       epoch(reviewed.at - recorded.at) / 86400 AS learning_latency_days,
       reviewed.at - i.resolved_at AS since_resolution
FROM incidents i
LEFT JOIN recorded ON recorded.incident_id = i.id
LEFT JOIN reviewed ON reviewed.incident_id = i.id
"""

# Every later correction of a detection time, and whether it came after review.
DETECTION_REVISIONS = """
CREATE VIEW detection_revisions AS
SELECT r.incident_id, r.commit, r.author, r.authored_at, r.subject,
       r.old, r.new, r.old_at, r.new_at,
       epoch(r.new_at - r.old_at) / 60 AS shift_minutes,
       coalesce(r.authored_at > l.reviewed_at, false) AS after_review
FROM revisions r
LEFT JOIN learning_latency l ON l.incident_id = r.incident_id
WHERE r.field = 'times.detected' AND r.change = 'changed'
"""

REVISION_VIEWS = (LEARNING_LATENCY, DETECTION_REVISIONS)
