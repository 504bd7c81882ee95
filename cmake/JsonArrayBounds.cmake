# vigil_json_array_bounds_false_positive(<target>...)
#
# GCC before 15 reports a false -Warray-bounds ("array subscript
# '_Rb_tree[0]' is partly outside array bounds of 'unsigned char [32]'", in
# stl_tree.h) wherever nlohmann_json builds a value from a string or number
# with JSON_DIAGNOSTICS on: basic_json(CompatibleType&&) calls set_parents(),
# whose object branch GCC analyses on the 32-byte string just allocated,
# although the value's type rules that branch out (nlohmann/json#3808, #4657,
# #4819; GCC 15 no longer warns). It fires in most files that write JSON
# documents. Only the targets named here, and only with those compilers, go
# without the warning; every other target, and every target on a compiler
# without the bug, keeps -Warray-bounds (and with VIGIL_WERROR, fails on it).
function(vigil_json_array_bounds_false_positive)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 15)
    foreach(target IN LISTS ARGN)
      target_compile_options(${target} PRIVATE -Wno-array-bounds)
    endforeach()
  endif()
endfunction()
