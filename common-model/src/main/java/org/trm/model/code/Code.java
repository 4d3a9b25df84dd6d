package org.trm.model.code;

/** A value of a code list, with the name it has on the wire (HTCDS value name where HTCDS has one). */
public interface Code {
    String code();
}
