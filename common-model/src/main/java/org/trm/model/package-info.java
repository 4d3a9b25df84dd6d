/** The TRM wire protocol. */
package org.trm.model;
