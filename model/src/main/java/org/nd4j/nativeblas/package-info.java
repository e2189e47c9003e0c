/**
 * Compatibility shim only: see {@link org.nd4j.nativeblas.Nd4jCpu}. It lives in ND4J's package
 * because DL4J looks it up there by name.
 */
package org.nd4j.nativeblas;
