/**
 * The user profile configuration (UPConfig) of a new Keycloak 26 realm, copied from the `kc.user.profile.config`
 * of the declarative-user-profile component in a `kc.sh export` of master by Keycloak 26.5.5 (adorsys/keycloak-config-cli
 * `src/test/resources/import-files/exported-realm/26.5.5/master-realm.json`), with email, firstName and lastName
 * `required` for the `user` role, as `GET users/profile` of a new Keycloak 26.7.3 realm answers them.
 */
export const DEFAULT_USER_PROFILE: Readonly<Record<string, unknown>> = {
  attributes: [
    {
      name: 'username',
      displayName: '${username}',
      validations: {
        length: {
          min: 3,
          max: 255,
        },
        'username-prohibited-characters': {},
        'up-username-not-idn-homograph': {},
      },
      permissions: {
        view: ['admin', 'user'],
        edit: ['admin', 'user'],
      },
      multivalued: false,
    },
    {
      name: 'email',
      displayName: '${email}',
      validations: {
        email: {},
        length: {
          max: 255,
        },
      },
      required: {
        roles: ['user'],
      },
      permissions: {
        view: ['admin', 'user'],
        edit: ['admin', 'user'],
      },
      multivalued: false,
    },
    {
      name: 'firstName',
      displayName: '${firstName}',
      validations: {
        length: {
          max: 255,
        },
        'person-name-prohibited-characters': {},
      },
      required: {
        roles: ['user'],
      },
      permissions: {
        view: ['admin', 'user'],
        edit: ['admin', 'user'],
      },
      multivalued: false,
    },
    {
      name: 'lastName',
      displayName: '${lastName}',
      validations: {
        length: {
          max: 255,
        },
        'person-name-prohibited-characters': {},
      },
      required: {
        roles: ['user'],
      },
      permissions: {
        view: ['admin', 'user'],
        edit: ['admin', 'user'],
      },
      multivalued: false,
    },
  ],
  groups: [
    {
      name: 'user-metadata',
      displayHeader: 'User metadata',
      displayDescription: 'Attributes, which refer to user metadata',
    },
  ],
};
