/**
 * Spark applications that use convoy as a library: {@link io.convoy.examples.ImageFolderPipeline}
 * trains and scores a Spark ML pipeline on image folders read with {@code binaryFile}. Imports
 * {@code io.convoy.ml} and {@code io.convoy.driver.api}; imported by nothing.
 */
package io.convoy.examples;
