// Test support: an in-process double of the `/collab` socket. Not part of the app bundle.
export * from './testing/fake-collab-server';
export * from './testing/sample-model';
