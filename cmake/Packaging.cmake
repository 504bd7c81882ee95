# Installation layout (cmake --install) and the Debian package (cpack -G DEB).
#   PREFIX/bin                      vigild, vigilctl
#   PREFIX/lib/systemd/system       vigil.service, vigild@.service (naming PREFIX/bin)
#   /etc/vigil/trial.json           the example trial (PREFIX/etc/vigil for another prefix than /usr)
#   PREFIX/share/vigil/example      the example configuration and its sample feeds
#   PREFIX/share/vigil/redeliver.sh hands spool files back after a restore (docs/operations.md)
#   PREFIX/share/doc/vigil          README.md, docs/ (the whole tree: its images/ too)
include(GNUInstallDirs)

install(FILES ${PROJECT_SOURCE_DIR}/config/example/escc2l.json DESTINATION ${CMAKE_INSTALL_DATADIR}/vigil/example)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/config/example/feeds DESTINATION ${CMAKE_INSTALL_DATADIR}/vigil/example)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/scripts/redeliver.sh DESTINATION ${CMAKE_INSTALL_DATADIR}/vigil)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(CODE "set(VIGIL_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
set(VIGIL_BINARY_DIR \"${PROJECT_BINARY_DIR}\")")
install(SCRIPT ${PROJECT_SOURCE_DIR}/packaging/install_units.cmake)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vigil)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Vigil maintainers <vigil@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "clinical-trial safety-monitoring daemon")
set(CPACK_PACKAGE_DESCRIPTION "Vigil watches a trial's adverse-event, lab, vital-sign and ECG feeds (spool files, HL7 v2 over MLLP, HTTP and FHIR), grades them by CTCAE v5.0, raises alerts with their regulatory clocks, and serves the DSMB's cumulative safety summary.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The binaries without their debug information (a tenth of the size).
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Library dependencies from Debian's own packages, as dpkg-shlibdeps finds them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, init-system-helpers")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/postinst ${PROJECT_SOURCE_DIR}/packaging/prerm
    ${PROJECT_SOURCE_DIR}/packaging/postrm ${PROJECT_SOURCE_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
