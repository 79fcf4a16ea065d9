/**
 * Server configuration: one YAML file plus environment overrides, validated at start-up. {@link
 * dev.switchboard.server.config.ConfigKey} is the single list of keys: the loader, the typed {@link
 * dev.switchboard.server.config.ServerConfig}, {@code config show} and the README reference table
 * are all derived from it, so they cannot drift.
 *
 * <p>Depends on Jackson (YAML) and the JDK only.
 */
package dev.switchboard.server.config;
