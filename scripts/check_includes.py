#!/usr/bin/python3
"""Fails when a layer includes a layer above it.

Usage: check_includes.py [SOURCE_DIR]   (default: the checkout this script is in)

Layers may include only downwards (docs/layout.md):
  rules/      rules/
  tools/      rules/, tools/          (vigilctl's pure documents; only vigilctl links it)
  config/     rules/, config/
  notifiers/  rules/, config/, notifiers/
  daemon/     anything
and inside rules/, a file of rules/<folder>/ may include rules/status.h, its own
folder and the folders declared as its DEPENDS in rules/CMakeLists.txt
(vigil_rules_folder calls); those declarations must form no cycle, and every
folder of rules/ must be declared. rules/status.h itself includes no folder.

Each violation is printed as "path:line: reason" and the exit status is 1.
CMake targets alone cannot enforce this: every target has the source root as an
include directory, so an upward #include compiles, and a static library links
even when its dependencies are cyclic.
"""

import os
import re
import sys

LAYER_MAY_INCLUDE = {
    "rules": {"rules"},
    "tools": {"rules", "tools"},
    "config": {"rules", "config"},
    "notifiers": {"rules", "config", "notifiers"},
    "daemon": None,  # the top: anything
}
PROJECT_ROOTS = {"rules", "tools", "config", "notifiers", "daemon"}
SOURCE_SUFFIXES = (".h", ".hpp", ".cc", ".cpp")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
RULES_FOLDER_CALL = re.compile(r"vigil_rules_folder\s*\(([^)]*)\)")


def strip_cmake_comments(text):
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def declared_rules_folders(root, problems):
    """Reads {folder: set of DEPENDS} from rules/CMakeLists.txt."""
    path = os.path.join(root, "rules", "CMakeLists.txt")
    try:
        with open(path, encoding="utf-8") as f:
            text = strip_cmake_comments(f.read())
    except OSError as e:
        problems.append(f"rules/CMakeLists.txt: cannot read: {e.strerror}")
        return {}
    folders = {}
    for call in RULES_FOLDER_CALL.finditer(text):
        words = call.group(1).split()
        if not words or words[0].startswith("$"):
            continue  # the function's own definition
        depends, section = set(), None
        for word in words[1:]:
            if word in ("DEPENDS", "LIBS"):
                section = word
            elif section == "DEPENDS":
                depends.add(word)
        folders[words[0]] = depends
    return folders


def find_cycle(graph):
    """Returns one cycle of graph as a list of nodes, or None."""
    state = {}  # node -> "open" while on the stack, "done" after

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt, stack)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node, [])
            if cycle:
                return cycle
    return None


def check_rules_declarations(root, folders, problems):
    rules_dir = os.path.join(root, "rules")
    on_disk = sorted(
        d for d in os.listdir(rules_dir) if os.path.isdir(os.path.join(rules_dir, d))
    )
    for folder in on_disk:
        if folder not in folders:
            problems.append(
                f"rules/{folder}/: folder not declared with vigil_rules_folder() "
                f"in rules/CMakeLists.txt"
            )
    for folder, depends in sorted(folders.items()):
        for dep in sorted(depends - set(on_disk)):
            problems.append(
                f"rules/CMakeLists.txt: vigil_rules_folder({folder}) DEPENDS "
                f"'{dep}', which is not a folder of rules/"
            )
    cycle = find_cycle(folders)
    if cycle:
        problems.append(
            "rules/CMakeLists.txt: the folders' DEPENDS form a cycle: " + " -> ".join(cycle)
        )


def include_problem(rel_path, included, rules_folders):
    """Why rel_path may not include `included`, or None if it may."""
    parts = rel_path.split("/")
    target = included.split("/")
    if target[0] not in PROJECT_ROOTS or len(target) < 2:
        return None  # a system or third-party header
    layer = parts[0]
    allowed = LAYER_MAY_INCLUDE[layer]
    if allowed is not None and target[0] not in allowed:
        return (
            f"{layer}/ may include only "
            + ", ".join(f"{a}/" for a in sorted(allowed))
            + f"; '{included}' is in {target[0]}/, a higher layer"
        )
    if layer != "rules" or target[0] != "rules" or len(target) < 3:
        return None  # rules/status.h is for every folder
    if len(parts) < 3:
        return f"rules/{parts[1]} is the base of rules/ and includes no folder of it"
    folder, wanted = parts[1], target[1]
    if wanted == folder:
        return None
    depends = rules_folders.get(folder)
    if depends is None or wanted not in depends:
        declared = ", ".join(sorted(depends)) if depends else "none"
        return (
            f"rules/{folder}/ may include only the rules/ folders declared as its "
            f"DEPENDS in rules/CMakeLists.txt ({declared}); '{included}' is in "
            f"rules/{wanted}/"
        )
    return None


def source_files(root):
    for layer in sorted(LAYER_MAY_INCLUDE):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, layer)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(SOURCE_SUFFIXES):
                    path = os.path.join(dirpath, name)
                    yield path, os.path.relpath(path, root).replace(os.sep, "/")


def check(root):
    problems = []
    rules_folders = declared_rules_folders(root, problems)
    if os.path.isdir(os.path.join(root, "rules")):
        check_rules_declarations(root, rules_folders, problems)
    for path, rel in source_files(root):
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                reason = include_problem(rel, match.group(1), rules_folders)
                if reason:
                    problems.append(f"{rel}:{number}: {reason}")
    return problems


def main(argv):
    if len(argv) > 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    root = argv[1] if len(argv) == 2 else os.path.dirname(here)
    problems = check(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_includes: {len(problems)} include(s) against the layer order", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
