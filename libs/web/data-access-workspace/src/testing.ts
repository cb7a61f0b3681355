// Test support: an in-process double of the `/collab` socket. Not part of the app bundle.
export * from './testing/fake-collab-server';
// The small course model lives with the domain's test helpers; re-exported for the web's tests.
export { sampleModel } from '@orca/shared/domain/testing';
