"""From checked records to what outputs show: timelines, links both ways, durations."""
