/**
 * What other features may use of the CD error register, and the only file of src/errors they may import
 * (docs/architecture.md §3): the entries linked to an application, read through the register. Nothing
 * outside the register changes its rows.
 */

/** The read interface, and the Nest module that provides it. */
export { ErrorsForApplication, ErrorsForApplicationModule, type LinkedError } from './errors-for-application';
