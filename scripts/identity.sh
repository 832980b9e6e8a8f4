# Sourced by the scripts that start Suban: gives every issuer its key and every service its trust.
#
#   suban_identity BIN_DIR
#
# Creates (first time only) the Ed25519 key of the console and of each service under
# $SUBAN_DATA_DIR/keys, mode 600, where each service finds its own, and reads their public keys
# (`suban-intake public-key` makes and reads any key file it is pointed at),
# and exports SUBAN_TRUSTED_ISSUERS: staff roles from the console, the platform's from the gateway,
# `system` from every service (docs/identity.md). With SUBAN_OPERATOR_OVERRIDE=1 it also makes the
# operator key ($SUBAN_DATA_DIR/keys/operator.key, exported as SUBAN_OPERATOR_KEY_FILE) and trusts
# it for staff roles, so that `subanctl --as` works: for test rigs and emergencies, recorded as an
# override on every event. Keys never leave the data folder and are never in the repository.
suban_identity() {
    local bin=$1 keys="$SUBAN_DATA_DIR/keys" staff="bureau_desk,liaison,unit_leader,deputy_leader,enterprise_help_liaison,task_force,bureau_leader,administrator"
    local trust="" issuer roles public
    for issuer in console gateway intake routing sla coordination; do
        case $issuer in
            console) roles=$staff ;;
            gateway) roles=platform,system ;;
            *) roles=system ;;
        esac
        public=$(suban_public_key "$bin" "$keys/$issuer.key") || return 1
        trust+="${trust:+;}$issuer:$public:$roles"
    done
    if [ "${SUBAN_OPERATOR_OVERRIDE:-0}" = 1 ]; then
        public=$(suban_public_key "$bin" "$keys/operator.key") || return 1
        trust+=";operator:$public:$staff"
        export SUBAN_OPERATOR_KEY_FILE="$keys/operator.key"
    fi
    export SUBAN_TRUSTED_ISSUERS="$trust"
}

# suban_public_key BIN_DIR FILE: the public key of the key in FILE, which is created if missing.
suban_public_key() {
    SUBAN_INTAKE_ISSUER_KEY_FILE=$2 "$1/suban-intake" public-key
}
