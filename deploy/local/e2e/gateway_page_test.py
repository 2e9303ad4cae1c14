#!/usr/bin/python3
"""Browser test of the Personal connectors page (integration-gateway) in headless Chromium.

Signs in as the demo user alice through Keycloak's login form, opens the page, saves a GitHub
connection, checks that the one-time webhook secret and the gateway's webhook URL are shown,
presses Test (with the keyboard) and waits for the card's status to change; checks that Save is
reachable with Tab and that the page fits a phone-width screen. Screenshots go to SCREENSHOT_DIR.
Usage: gateway_page_test.py GATEWAY_URL SCREENSHOT_DIR PROJECT_ID
"""
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

gateway, shots, project = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
repository = "gw-browser/site-%d" % int(time.time())


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("    ok: " + message)


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1500"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 30)
connection_id = None
try:
    driver.get(gateway + "/integrations")
    wait.until(ec.presence_of_element_located((By.ID, "username")))
    check("/protocol/openid-connect/auth" in driver.current_url or "login-actions" in driver.current_url,
          "the page sends an unsigned browser to Keycloak")
    driver.find_element(By.ID, "username").send_keys("alice")
    driver.find_element(By.ID, "password").send_keys("alice")
    driver.find_element(By.ID, "kc-login").click()

    wait.until(ec.presence_of_element_located((By.ID, "card-github")))
    wait.until(lambda d: d.find_element(By.ID, "state-github").get_attribute("data-state") != "loading")
    check(driver.find_element(By.ID, "person").text != "", "signed in as " + driver.find_element(By.ID, "person").text)
    cards = [c.get_attribute("data-provider") for c in driver.find_elements(By.CSS_SELECTOR, "section.card")]
    check(cards == ["github", "google", "slack"], "one card per connector: %s" % cards)
    driver.save_screenshot(shots + "/1-page.png")

    # keyboard: Save is reachable with Tab
    driver.find_element(By.TAG_NAME, "body").click()
    reached = False
    for _ in range(40):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        if driver.switch_to.active_element.get_attribute("id") == "github-save":
            reached = True
            break
    check(reached, "Save is reachable with the keyboard (Tab)")

    # alice may have connections already (e2e-gateway.sh made one): Disconnect shows the next one,
    # then a blank form
    disconnected = 0
    while driver.find_element(By.ID, "github-repository").get_attribute("readonly") and disconnected < 10:
        shown = driver.find_element(By.ID, "github-connection").get_attribute("value")
        driver.find_element(By.ID, "github-disconnect").click()
        driver.switch_to.alert.accept()
        wait.until(lambda d: d.find_element(By.ID, "github-connection").get_attribute("value") != shown)
        disconnected += 1
    if disconnected:
        check(driver.find_element(By.ID, "github-repository").get_attribute("value") == ""
              and not driver.find_element(By.ID, "github-webhook").is_displayed(),
              "after Disconnect (%d connection(s)) the form is blank" % disconnected)
    driver.find_element(By.ID, "github-repository").send_keys(repository)
    driver.find_element(By.ID, "github-project").send_keys(project)
    driver.find_element(By.ID, "github-save").click()
    wait.until(lambda d: d.find_element(By.ID, "github-secret-box").is_displayed()
               or d.find_element(By.ID, "message-github").get_attribute("data-kind") == "error")
    check(driver.find_element(By.ID, "github-secret-box").is_displayed(),
          "Save answered with the one-time secret (page says: '%s')" % driver.find_element(By.ID, "message-github").text)
    url = driver.find_element(By.ID, "github-webhook-url").get_attribute("value")
    secret = driver.find_element(By.ID, "github-webhook-secret").get_attribute("value")
    connection_id = driver.find_element(By.ID, "github-connection").get_attribute("value")
    check(url == gateway + "/api/integrations/github/webhook/" + connection_id,
          "webhook URL is the gateway's: " + url)
    check(len(secret) >= 32, "one-time webhook secret shown (%d characters)" % len(secret))
    wait.until(lambda d: d.find_element(By.ID, "state-github").get_attribute("data-state") == "connected")
    driver.save_screenshot(shots + "/2-saved-secret.png")

    before = driver.find_element(By.ID, "state-github").text
    driver.find_element(By.ID, "github-test").send_keys(Keys.ENTER)
    wait.until(lambda d: "test" in d.find_element(By.ID, "state-github").text)
    after = driver.find_element(By.ID, "state-github").text
    message = driver.find_element(By.ID, "message-github").text
    check(after != before, "Test (pressed with Enter) changed the status: '%s' → '%s' (%s)" % (before, after, message))
    driver.save_screenshot(shots + "/3-tested.png")

    driver.refresh()
    wait.until(lambda d: d.find_element(By.ID, "github-repository").get_attribute("value") == repository)
    check(not driver.find_element(By.ID, "github-secret-box").is_displayed(),
          "after a reload the secret is gone (shown once only)")

    driver.set_window_size(390, 1400)
    wait.until(lambda d: d.execute_script("return window.innerWidth") <= 390)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(width <= 390, "phone width: no horizontal scrolling (page %d px wide)" % width)
    driver.save_screenshot(shots + "/4-phone.png")
finally:
    if connection_id:
        driver.execute_script(
            "return fetch('/api/integrations/github/connections/' + arguments[0], "
            "{method: 'DELETE', headers: {'X-Requested-With': 'JavaScript'}}).then(r => r.status)",
            connection_id)
    driver.quit()
print("    screenshots: " + shots)
