package io.convoy.conf.names;

/** An enum constant that is written in configuration files under another name. */
public interface ConfigName {
  String configName();
}
