# Runs at install time (cmake --install, and CPack's staging install), when
# CMAKE_INSTALL_PREFIX is the prefix the files go to: the systemd units name
# the installed binaries, and the configuration goes to /etc for /usr, else
# to PREFIX/etc. Expects VIGIL_SOURCE_DIR and VIGIL_BINARY_DIR.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(sysconfdir "/etc")
else()
  set(sysconfdir "${CMAKE_INSTALL_PREFIX}/etc")
endif()
set(VIGIL_BINDIR "${CMAKE_INSTALL_PREFIX}/bin")
set(VIGIL_DOCDIR "${CMAKE_INSTALL_PREFIX}/share/doc/vigil")

function(vigil_unit name what description config state)
  set(VIGIL_UNIT_WHAT "${what}")
  set(VIGIL_UNIT_DESCRIPTION "${description}")
  set(VIGIL_UNIT_CONFIG "${config}")
  set(VIGIL_UNIT_STATE "${state}")
  configure_file("${VIGIL_SOURCE_DIR}/systemd/vigil.service.in" "${VIGIL_BINARY_DIR}/units/${name}" @ONLY)
  file(INSTALL "${VIGIL_BINARY_DIR}/units/${name}" DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system"
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endfunction()

vigil_unit(vigil.service "one trial, /etc/vigil/trial.json." "" "${sysconfdir}/vigil/trial.json" "vigil")
vigil_unit(vigild@.service "one trial of several on this host, %i." " (trial %i)" "${sysconfdir}/vigil/%i.json" "vigil/%i")

# The example trial as the installed configuration: owner and group only
# (the package gives it to group vigil), never replaced once installed.
file(INSTALL "${VIGIL_SOURCE_DIR}/config/example/escc2l.json" DESTINATION "${sysconfdir}/vigil"
     RENAME trial.json FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ
     DIR_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE)
execute_process(COMMAND chmod 0750 "$ENV{DESTDIR}${sysconfdir}/vigil")
