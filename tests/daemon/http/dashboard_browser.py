"""The dashboard in Debian's headless Chromium against a running vigild.

Run by tests/daemon/http/dashboard_browser_test.cc, which starts the daemon
on a small trial and creates the tokens. Checks what a DSMB member and a
safety physician see: nothing without a token, sign-in through /#token=
that leaves the address bar clean, the page's numbers equal to the API's,
acknowledging with a physician token, a dsmb token refused. Prints one JSON
object (what it did) on standard output; exits non-zero with the reason on
the first failed check.

usage: dashboard_browser.py BASE_URL PHYSICIAN_TOKEN DSMB_TOKEN SCREENSHOT.png
"""

import json
import math
import shutil
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_S = 60  # a loaded CI machine starts Chromium slowly

HEADLINE_MEASURES = ["any_ae", "grade3plus", "sae", "deaths"]


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def api(base, token, path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))


def same_number(page_value, api_value):
    """A data-value attribute (JSON text) against the API's number."""
    shown = json.loads(page_value)
    if api_value is None or shown is None:
        return shown is None and api_value is None
    return math.isclose(float(shown), float(api_value), rel_tol=0, abs_tol=1e-12)


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait(driver, what, condition):
    try:
        return WebDriverWait(driver, WAIT_S, poll_frequency=0.1).until(lambda d: condition(d))
    except TimeoutException:
        raise CheckFailed("timed out waiting for " + what)


def api_requests(driver):
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [n for n in names if "/api/" in n]


def visible(driver, element_id):
    return driver.find_element(By.ID, element_id).is_displayed()


def check_signed_out(driver, base, result):
    """Without a token: the sign-in form only, no API request, no subject."""
    driver.get(base + "/")
    wait(driver, "the sign-in form", lambda d: visible(d, "signin"))
    time.sleep(1.0)  # anything the page would fetch on its own has been asked for by now
    check(not visible(driver, "dashboard"), "the dashboard is shown without a token")
    requested = api_requests(driver)
    check(not requested, "the page called the API without a token: %s" % requested)
    text = driver.find_element(By.TAG_NAME, "body").text
    check("ESCC2L-" not in text, "a subject id is on the page without a token")
    check(driver.find_elements(By.CSS_SELECTOR, "[data-alert-id], table.headline") == [],
          "data elements exist without a token")
    result["signed_out_api_requests"] = len(requested)


def sign_in_by_fragment(driver, base, token):
    driver.get(base + "/#token=" + token)
    wait(driver, "the headline tables", lambda d: len(d.find_elements(By.CSS_SELECTOR, "table.headline")) > 0)
    url = driver.current_url
    check("token" not in url and token not in url, "the token is still in the address bar: " + url)
    check(driver.execute_script("return location.hash") == "", "a fragment is left in the address bar")
    check(driver.execute_script("return sessionStorage.getItem('vigil.token')") == token,
          "the token is not kept in sessionStorage")
    check(not visible(driver, "signin"), "the sign-in form is still shown after signing in")
    # The same record of requests that was empty before the token now has the API's.
    check(any("/api/v1/summary" in n for n in api_requests(driver)), "no summary request is recorded after signing in")


# What the page shows, read in one round trip: headline cells, category
# bars and stopping-rule charts with their data-* attributes and text.
SNAPSHOT_JS = """
const out = {cells: {}, bars: {}, rules: {}};
for (const e of document.querySelectorAll('td[data-cohort][data-measure][data-field]')) {
  out.cells[[e.dataset.cohort, e.dataset.measure, e.dataset.field].join('|')] =
      {value: e.dataset.value ?? null, lo: e.dataset.lo ?? null, hi: e.dataset.hi ?? null, text: e.textContent};
}
for (const e of document.querySelectorAll('rect[data-cohort][data-category][data-measure]')) {
  out.bars[[e.dataset.cohort, e.dataset.category, e.dataset.measure].join('|')] = e.dataset.value;
}
for (const e of document.querySelectorAll('figure[data-rule]')) {
  const key = [e.dataset.rule, e.dataset.cohort].join('|');
  const point = e.querySelector('circle.point');
  out.rules[key] = out.rules[key] ? 'duplicate' : {events: e.dataset.events, evaluable: e.dataset.evaluable,
      boundary: e.dataset.boundary, triggered: e.dataset.triggered,
      red: point !== null && point.classList.contains('triggered')};
}
return out;
"""


def check_numbers(driver, summary, rules):
    """Every headline cell, category bar and stopping-rule point against the API's documents."""
    page = driver.execute_script(SNAPSHOT_JS)
    checked = 0

    def cell(cid, measure, field):
        found = page["cells"].get("%s|%s|%s" % (cid, measure, field))
        check(found is not None, "no cell for cohort %s, %s %s" % (cid, measure, field))
        return found

    for cohort in summary["cohorts"]:
        cid = cohort["id"]
        c = cell(cid, "treated", "subjects")
        check(same_number(c["value"], cohort["treated"]) and c["text"] == str(cohort["treated"]),
              "%s treated: page %s, API %s" % (cid, c, cohort["treated"]))
        checked += 1
        for measure in HEADLINE_MEASURES:
            m = cohort[measure]
            for field in ["subjects", "pct"]:
                c = cell(cid, measure, field)
                check(same_number(c["value"], m[field]), "%s %s %s: page %s, API %s" % (cid, measure, field, c, m[field]))
                if m[field] is not None:
                    check(float(c["text"]) == float(m[field]), "%s %s %s shows %r" % (cid, measure, field, c["text"]))
                checked += 1
            c = cell(cid, measure, "ci95")
            check(same_number(c["lo"], m["ci95"][0]) and same_number(c["hi"], m["ci95"][1]),
                  "%s %s ci95: page %s, API %s" % (cid, measure, c, m["ci95"]))
            checked += 1
        for category, value in cohort.get("categories", {}).items():
            for measure in ["any", "grade3plus"]:
                bar = page["bars"].get("%s|%s|%s" % (cid, category, measure))
                check(bar is not None and same_number(bar, value[measure]["pct"]),
                      "%s %s %s bar: page %s, API %s" % (cid, category, measure, bar, value[measure]["pct"]))
                checked += 1
    check(len(page["rules"]) == len(rules), "%d stopping-rule charts for %d rules" % (len(page["rules"]), len(rules)))
    for rule in rules:
        key = "%s|%s" % (rule["id"], rule["cohort"])
        shown = page["rules"].get(key)
        check(isinstance(shown, dict), "stopping rule %s: %s" % (key, shown or "no chart"))
        for field in ["events", "evaluable", "boundary"]:
            check(same_number(shown[field], rule.get(field)), "stopping rule %s %s: page %s, API %s"
                  % (key, field, shown[field], rule.get(field)))
            checked += 1
        check(json.loads(shown["triggered"]) == rule["triggered"] and shown["red"] == rule["triggered"],
              "stopping rule %s: the chart does not say triggered=%s" % (key, rule["triggered"]))
        checked += 1
    return checked


def first_alert_row(driver):
    rows = wait(driver, "an open alert", lambda d: d.find_elements(By.CSS_SELECTOR, "#alert-table tr[data-alert-id]"))
    return rows[0]


def acknowledge_first(driver, note):
    row = first_alert_row(driver)
    alert_id = row.get_attribute("data-alert-id")
    row.find_element(By.CSS_SELECTOR, "input.ack-note").send_keys(note)
    row.find_element(By.CSS_SELECTOR, "button.ack").click()
    return alert_id


def main():
    base, physician, dsmb, screenshot = sys.argv[1:5]
    summary = api(base, physician, "/api/v1/summary")
    rules_document = api(base, physician, "/api/v1/rules")
    rules = rules_document if isinstance(rules_document, list) else rules_document.get("rules", [])
    result = {}
    profile = tempfile.mkdtemp(prefix="vigil-chromium-")
    driver = browser(profile)
    try:
        check_signed_out(driver, base, result)

        sign_in_by_fragment(driver, base, physician)
        result["numbers_checked"] = check_numbers(driver, summary, rules)

        # A subject's timeline, found by its USUBJID.
        subject = first_alert_row(driver).get_attribute("data-subject")
        check(subject, "the first open alert names no subject")
        field = driver.find_element(By.ID, "subject-id")
        field.clear()
        field.send_keys(subject)
        driver.find_element(By.ID, "subject-show").click()
        wait(driver, "the subject's timeline", lambda d: d.find_element(By.ID, "subject-view").get_attribute("data-usubjid") == subject)
        result["subject_shown"] = subject

        driver.set_window_size(1280, driver.execute_script("return document.body.scrollHeight"))
        driver.save_screenshot(screenshot)
        driver.set_window_size(1280, 1000)

        note = "seen on the dashboard"
        acked = acknowledge_first(driver, note)
        wait(driver, "the acknowledgement", lambda d: "acknowledged" in d.find_element(By.ID, "ack-message").text)
        check(not driver.find_elements(By.CSS_SELECTOR, '#alert-table tr[data-alert-id="%s"]' % acked),
              "the acknowledged alert is still listed as open")
        result["acknowledged"] = acked
        result["note"] = note

        driver.find_element(By.ID, "sign-out").click()
        wait(driver, "the sign-in form after signing out", lambda d: visible(d, "signin"))
        check(driver.execute_script("return sessionStorage.getItem('vigil.token')") is None, "signing out kept the token")
        check(driver.find_elements(By.CSS_SELECTOR, "[data-alert-id], table.headline") == [],
              "signing out left data on the page")

        # A wrong token returns to the sign-in form.
        driver.find_element(By.ID, "token").send_keys("not-a-token")
        driver.find_element(By.ID, "signin-submit").click()
        wait(driver, "the sign-in form after a wrong token",
             lambda d: visible(d, "signin") and "not accepted" in d.find_element(By.ID, "signin-message").text)

        # The dsmb role, signed in through the form: no working acknowledge.
        driver.find_element(By.ID, "token").send_keys(dsmb)
        driver.find_element(By.ID, "signin-submit").click()
        refused = acknowledge_first(driver, "dsmb tries")
        wait(driver, "the refusal", lambda d: d.find_element(By.ID, "ack-message").get_attribute("data-reason") == "forbidden")
        check("may not acknowledge" in driver.find_element(By.ID, "ack-message").text, "the refusal does not say why")
        check(driver.find_elements(By.CSS_SELECTOR, "button.ack") == [], "acknowledge buttons remain for the dsmb role")
        check(driver.find_elements(By.CSS_SELECTOR, '#alert-table tr[data-alert-id="%s"]' % refused) != [],
              "the refused alert left the open list")
        result["dsmb_refused"] = refused

        errors = [e for e in driver.get_log("browser")
                  if e["level"] == "SEVERE" and "status of 40" not in e["message"]]
        check(not errors, "the browser console reported errors: %s" % errors)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        main()
    except CheckFailed as failure:
        print("dashboard check failed: %s" % failure, file=sys.stderr)
        sys.exit(1)
