/**
 * The CDI wiring of the module: {@link dev.mfastepup.cdi.MfaStepUpConfiguration} reads the configuration at
 * deployment, and {@link dev.mfastepup.cdi.MfaStepUpProducers} makes the few parts CDI cannot build itself (the
 * clock, the sealer, the Auth0 client); every other part is a bean with an {@code @Inject} constructor.
 *
 * <p><strong>Internal.</strong> Nothing here is API: its types are public only so that the module's packages can
 * use each other, and they may change in any release. The API is listed in {@code docs/api.md}.
 */
package dev.mfastepup.cdi;
