// jsdom has no IndexedDB; fake-indexeddb gives the dom layer a spec-complete one.
import 'fake-indexeddb/auto';
