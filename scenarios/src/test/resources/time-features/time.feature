Feature: Time
  How "time passes" reaches the client: the scenario's clock moves for a client that takes its time
  from Mallory (REFERENCE_TIME), the wall clock is waited on for any other (ScenarioTimeTest). A
  client that did not see the time pass would accept the expired timestamp.

  @waits
  Scenario: A timestamp that expired while the client held it is refused
    Given a repository
    And the repository's timestamp metadata expires after 8 seconds
    And the client has refreshed
    And time passes until timestamp version 1 has expired
    When the client refreshes
    Then the update is refused because of expired metadata
    And the client still trusts timestamp version 1
