#!/usr/bin/python3
"""scripts/check_includes.py run on small trees with one planted include each.

Each case writes a temporary source tree (the four layers, tools/, and a
rules/CMakeLists.txt declaring two folders), plants at most one #include, runs
the real script on it and checks the exit status and the "path:line:" it names.
"""

import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "check_includes.py"
)

RULES_CMAKE = """\
function(vigil_rules_folder folder)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "DEPENDS;LIBS")
endfunction()
vigil_rules_folder(records LIBS nlohmann_json::nlohmann_json)
# vigil_rules_folder(commented DEPENDS safety)
vigil_rules_folder(safety DEPENDS records
                   LIBS nlohmann_json::nlohmann_json)
"""

# A tree whose includes all point the allowed way.
CLEAN_TREE = {
    "rules/CMakeLists.txt": RULES_CMAKE,
    "rules/status.h": "#pragma once\n#include <string>\n",
    "rules/records/record.h": '#pragma once\n#include "rules/status.h"\n',
    "rules/safety/plan.h": '#pragma once\n#include "rules/records/record.h"\n',
    "tools/simulation/trial.h": '#pragma once\n#include "rules/safety/plan.h"\n',
    "config/config.h": '#pragma once\n#include "rules/safety/plan.h"\n',
    "notifiers/channel.h": '#pragma once\n#include "config/config.h"\n',
    "daemon/app.cc": '#include "notifiers/channel.h"\n#include "tools/simulation/trial.h"\n',
}


def run_check(files):
    """Writes CLEAN_TREE updated with files; returns (exit status, stdout)."""
    with tempfile.TemporaryDirectory() as root:
        tree = dict(CLEAN_TREE)
        tree.update(files)
        for rel, text in tree.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        done = subprocess.run(
            [sys.executable, SCRIPT, root], capture_output=True, text=True, timeout=60
        )
        return done.returncode, done.stdout


def planted(include):
    """A file whose line 3 is `include`."""
    return f"#pragma once\n// planted\n{include}\nint x;\n"


class CheckIncludesTest(unittest.TestCase):
    def assertFailsNaming(self, files, where, *words):
        status, out = run_check(files)
        self.assertEqual(status, 1, out)
        lines = out.splitlines()
        self.assertEqual(len(lines), 1, out)
        self.assertTrue(lines[0].startswith(where), out)
        for word in words:
            self.assertIn(word, lines[0])

    def test_allowed_includes_pass(self):
        self.assertEqual(run_check({}), (0, ""))

    def test_daemon_may_include_every_layer(self):
        status, out = run_check({"daemon/x.cc": planted('#include "rules/records/record.h"')})
        self.assertEqual((status, out), (0, ""))

    def test_upward_includes_fail_naming_file_and_line(self):
        cases = [
            ("rules/records/x.h", '#include "config/config.h"', "config/"),
            ("rules/records/x.cc", "#include <notifiers/channel.h>", "notifiers/"),
            ("rules/status.h", '#include "tools/simulation/trial.h"', "tools/"),
            ("config/x.cc", '#include "notifiers/channel.h"', "notifiers/"),
            ("config/x.h", '  #  include "tools/simulation/trial.h"', "tools/"),
            ("notifiers/x.cc", '#include "daemon/app.h"', "daemon/"),
            ("tools/x.cc", '#include "config/config.h"', "config/"),
            ("rules/safety/x.cc", '#include "daemon/store/store.h"', "daemon/"),
        ]
        for path, include, layer in cases:
            with self.subTest(path=path, include=include):
                self.assertFailsNaming({path: planted(include)}, f"{path}:3: ", layer)

    def test_system_and_library_headers_pass(self):
        status, out = run_check(
            {"rules/records/x.h": planted("#include <nlohmann/json.hpp>\n#include <daemon.h>")}
        )
        self.assertEqual((status, out), (0, ""))

    def test_undeclared_rules_folder_dependency_fails(self):
        self.assertFailsNaming(
            {"rules/records/x.h": planted('#include "rules/safety/plan.h"')},
            "rules/records/x.h:3: ",
            "DEPENDS",
            "rules/safety/",
        )

    def test_rules_status_includes_no_folder(self):
        self.assertFailsNaming(
            {"rules/status.h": planted('#include "rules/records/record.h"')},
            "rules/status.h:3: ",
        )

    def test_commented_out_declaration_does_not_count(self):
        self.assertFailsNaming(
            {"rules/commented/x.h": "#pragma once\n"},
            "rules/commented/: folder not declared",
        )

    def test_cyclic_declarations_fail(self):
        cmake = RULES_CMAKE.replace("records LIBS", "records DEPENDS safety LIBS")
        self.assertFailsNaming(
            {"rules/CMakeLists.txt": cmake},
            "rules/CMakeLists.txt: ",
            "cycle: records -> safety -> records",
        )

    def test_declared_folder_must_exist(self):
        cmake = RULES_CMAKE + "vigil_rules_folder(stats DEPENDS records ghosts)\n"
        status, out = run_check({"rules/CMakeLists.txt": cmake, "rules/stats/s.h": "#pragma once\n"})
        self.assertEqual(status, 1, out)
        self.assertIn("DEPENDS 'ghosts', which is not a folder of rules/", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
