/**
 * The CDI wiring of the module: {@link dev.mfastepup.cdi.MfaStepUpProducers} reads the configuration at
 * deployment and builds the client, the sealer and the flow store once per application.
 */
package dev.mfastepup.cdi;
