package org.trm.model.evidence;

/** What an item of an evidence bundle holds. */
public enum ItemKind {
    /** An envelope's compact JWS, exactly as sent or received: any type, receipts included. */
    ENVELOPE,
    /** A federation directory's compact JWS, as the operator signed it and the node loaded it. */
    DIRECTORY,
    /** The federation operator's public JWK that the node verifies directories with. */
    OPERATOR_KEY,
    /** A {@link BodyKey}: the content key of one receipt's body, which opens that body and nothing else. */
    BODY_KEY
}
