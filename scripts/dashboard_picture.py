"""Saves a picture of the dashboard for the documentation.

Run by scripts/dashboard_picture.sh, which starts vigild on a simulated trial
and creates the token. Opens the page in Debian's headless Chromium the way
tests/daemon/http/dashboard_browser.py does, signs in through /#token=, waits
until the headline tables, the category and stopping-rule charts and the open
alerts are drawn, and saves the top of the page.

usage: dashboard_picture.py BASE_URL TOKEN OUT.png [WIDTH HEIGHT]
"""

import shutil
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_S = 60  # a loaded machine starts Chromium slowly


def browser(profile, width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                 "--window-size=%d,%d" % (width, height), "--user-data-dir=" + profile]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait_for(driver, what, condition):
    try:
        WebDriverWait(driver, WAIT_S, poll_frequency=0.1).until(lambda d: condition(d))
    except TimeoutException:
        raise SystemExit("dashboard_picture: timed out waiting for " + what)


def main():
    if len(sys.argv) not in (4, 6):
        raise SystemExit(__doc__.strip().splitlines()[-1])
    base, token, out = sys.argv[1:4]
    width, height = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) == 6 else (1280, 900)
    profile = tempfile.mkdtemp(prefix="vigil-chromium-")
    driver = browser(profile, width, height)
    try:
        driver.get(base + "/#token=" + token)
        wait_for(driver, "the headline tables", lambda d: d.find_elements(By.CSS_SELECTOR, "table.headline"))
        wait_for(driver, "the category charts", lambda d: d.find_elements(By.CSS_SELECTOR, "rect[data-category]"))
        wait_for(driver, "the stopping-rule charts", lambda d: d.find_elements(By.CSS_SELECTOR, "figure[data-rule]"))
        wait_for(driver, "the open alerts", lambda d: d.find_elements(By.CSS_SELECTOR, "#alert-table tr[data-alert-id]"))
        # The inner size, not the window's, is what the picture holds.
        driver.set_window_size(width, height)
        inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
        driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])
        driver.execute_script("window.scrollTo(0, 0)")
        time.sleep(0.5)  # the last layout after the resize
        if not driver.save_screenshot(out):
            raise SystemExit("dashboard_picture: the screenshot was not saved")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    print(out)


if __name__ == "__main__":
    main()
