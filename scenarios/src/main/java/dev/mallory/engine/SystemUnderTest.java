package dev.mallory.engine;

import dev.mallory.sut.ClientUnderTest;
import java.util.function.Supplier;

/**
 * One column of the matrix: a name, a way to get a fresh client per scenario, and the system's
 * expected failures.
 */
public record SystemUnderTest(String name, Supplier<ClientUnderTest> clients, RunContext.ExpectedToFail expectedToFail) {}
