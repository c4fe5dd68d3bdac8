import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AUTHORITY_TYPES, ROLES, type AuthorityType, type Role } from '../workflow/roles';

export class LoginDto {
  @ApiProperty({ example: 'applicant' })
  @IsString()
  @Length(1, 100)
  username!: string;

  @ApiProperty({ example: 'Demo-Password-2026' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

/** Who signed in, as the other answers name them (`applicantId`, `actorId` are this `id`). */
export class LoginUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ format: 'uuid' }) authorityId!: string;
  @ApiProperty({ enum: AUTHORITY_TYPES }) authorityType!: AuthorityType;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'send as `Authorization: Bearer <accessToken>`' }) accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: LoginUserDto }) user!: LoginUserDto;
}
