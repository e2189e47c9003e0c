/** End-to-end tests across modules: the CLI, real Spark, real image files, real DL4J models. */
package io.convoy.tests;
