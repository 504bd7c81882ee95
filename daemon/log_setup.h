// Where vigild's log lines go and how they look. On standard error always;
// when standard error is the journal (systemd sets $JOURNAL_STREAM), each
// line starts with its syslog priority as journald reads it (`<3>` error,
// `<4>` warning, `<6>` info, sd-daemon(3)) and carries no time stamp (the
// journal keeps its own); elsewhere a line starts with an ISO 8601 time and
// the level's name.
#pragma once

namespace vigil {

void SetUpLogging();

}  // namespace vigil
